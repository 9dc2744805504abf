async fn main() {
    let a = (1 + );
    println!("tab\q");
    let b: u32 = "x";
}
