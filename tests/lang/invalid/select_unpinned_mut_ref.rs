// select! over `&mut fut` where `fut` is an async fn's future that was never pinned: `&mut F` is
// a future only when `F: Unpin`, and an async fn's state machine is not.
async fn tick() -> u32 {
    sleep(Duration::from_millis(10)).await;
    1
}

async fn main() {
    let mut deadline = sleep(Duration::from_millis(35));
    tokio::select! {
        _ = &mut deadline => println!("deadline"),
        v = tick() => println!("tick {}", v),
    }
}
