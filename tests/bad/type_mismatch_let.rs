async fn main() {
    let n: u32 = "five";
    println!("{}", n);
}
