// std's `Duration::new(secs, nanos)`: whole seconds plus nanoseconds (the async book's
// `TimerFuture::new(Duration::new(2, 0))`).
use std::time::Duration;

async fn main() {
    let d = Duration::new(1, 500_000_000);
    println!("{:?} = {} ms", d, d.as_millis());
    sleep(Duration::new(0, 20_000_000)).await;
    println!("{:?}", Duration::new(2, 0) + d);
}
