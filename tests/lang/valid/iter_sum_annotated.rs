// `sum` needs to know what it makes: here the `let` says u64.
async fn main() {
    let sizes: Vec<u64> = vec![10, 20, 30];
    yield_now().await;
    let total: u64 = sizes.iter().sum();
    println!("{}", total);
}
