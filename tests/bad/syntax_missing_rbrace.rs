async fn main() {
    let a = 1;
    if a > 0 {
        println!("{}", a);
}
