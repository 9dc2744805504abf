// futures::join! over three timers of different lengths: all three run at once, so the whole
// join ends when the longest one does (30 ms), not after the sum of them (60 ms).
use futures::join;

async fn tick(name: &str, ms: u64) -> u64 {
    sleep(Duration::from_millis(ms)).await;
    println!("{} done", name);
    ms
}

async fn main() {
    let (a, b, c) = join!(tick("a", 20), tick("b", 10), tick("c", 30));
    println!("{} {} {}", a, b, c);
    let (x,) = futures::join!(ready(1));
    let (p, q) = tokio::join!(async { 2 }, ready(3));
    println!("{} {} {}", x, p, q);
}
