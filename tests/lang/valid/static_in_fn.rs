// A `static` inside a function is one value for the whole run: its initializer runs once, on the
// first use, not on each call (unlike a `let`).
use std::sync::atomic::{AtomicU64, Ordering};

static TOTAL: AtomicU64 = AtomicU64::new(100);

fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn bump() -> u64 {
    static mut CALLS: u64 = 0;
    unsafe {
        CALLS += 1;
        CALLS
    }
}

fn main() {
    println!("{} {} {}", next_id(), next_id(), next_id());
    bump();
    bump();
    println!("bumped {}", bump());
    TOTAL.fetch_add(5, Ordering::Relaxed);
    println!("total {}", TOTAL.load(Ordering::Relaxed));
}
