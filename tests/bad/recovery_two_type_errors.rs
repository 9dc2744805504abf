async fn main() {
    let a: u32 = "x";
    let b = missing_value;
    println!("{} {}", a, b);
}
