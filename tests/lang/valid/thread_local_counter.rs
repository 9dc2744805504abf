// `thread_local!`: every thread has its own value, made on that thread's first `with`.
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

thread_local! {
    static COUNT: AtomicU64 = AtomicU64::new(10);
}

fn count_up(n: u64) -> u64 {
    for _ in 0..n {
        COUNT.with(|c| c.fetch_add(1, Ordering::Relaxed));
    }
    COUNT.with(|c| c.load(Ordering::Relaxed))
}

fn main() {
    let other = thread::spawn(|| count_up(5));
    let mine = count_up(2);
    println!("main {}", mine);
    println!("spawned {}", other.join().unwrap());
    println!("main again {}", count_up(1));
}
