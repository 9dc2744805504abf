// A read raced against a timer with tokio's select!: the timer wins, the read is dropped.
use tokio::select;

async fn slow_read() -> usize {
    let text = async_read_file("foo.txt").await;
    text.len()
}

async fn main() {
    let n = select! {
        len = slow_read() => len,
        _ = sleep(Duration::from_millis(5)) => {
            println!("timed out");
            0
        }
    };
    println!("n = {}", n);
    let m = tokio::select! {
        biased;
        v = ready(7) => v * 2,
        _ = sleep(Duration::from_millis(1)) => 0,
    };
    println!("m = {}", m);
}
