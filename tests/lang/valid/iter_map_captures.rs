// The closure borrows `offset`: the adapter is 24 bytes (iterator + one reference).
async fn main() {
    let offset = 100;
    let xs = [1, 2, 3];
    let mut it = xs.iter().map(|x| x + offset);
    yield_now().await;
    while let Some(v) = it.next() {
        println!("{}", v);
    }
}
