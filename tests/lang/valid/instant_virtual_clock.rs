// `Instant` reads the emulation's virtual clock: a 50 ms sleep takes exactly 50 ms of it.
use std::time::{Duration, Instant};

async fn main() {
    let start = Instant::now();
    sleep(Duration::from_millis(50)).await;
    let after_sleep = Instant::now();
    println!("slept {:?}", start.elapsed());
    println!("between {:?}", after_sleep.duration_since(start));
    let deadline = start + Duration::from_millis(120);
    while Instant::now() < deadline {
        sleep(Duration::from_millis(30)).await;
    }
    let waited = Instant::now() - start;
    println!("waited {:?} ({} ms)", waited, waited.as_millis());
    let total = waited + Duration::from_secs(2);
    println!("plus two seconds {:?} = {} s", total, total.as_secs());
    println!("{}", after_sleep > start);
    println!("{:?} {:?}", Duration::from_millis(0), Duration::from_millis(1500));
}
