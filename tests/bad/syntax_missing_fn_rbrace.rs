async fn helper() -> u32 {
    let n = 1;
    n + 1

async fn main() {
    let v = helper().await;
    println!("{}", v);
}
