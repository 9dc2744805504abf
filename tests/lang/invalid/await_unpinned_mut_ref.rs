// Awaiting `&mut fut` keeps `fut` to be awaited again, but only an `Unpin` future can be polled
// through a plain `&mut`: this async fn's future must be pinned first (`tokio::pin!(fut);`).
async fn answer() -> u32 {
    42
}

async fn main() {
    let mut fut = answer();
    let n = (&mut fut).await;
    println!("{}", n);
}
