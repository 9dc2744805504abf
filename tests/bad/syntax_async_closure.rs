async fn main() {
    let f = async |x: u32| x + 1;
    println!("{}", f(1).await);
}
