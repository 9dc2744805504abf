async fn main() {
    let ratio = 2.5;
    println!("{}", ratio);
}
