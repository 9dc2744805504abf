// A `thread_local!` item is a `LocalKey`: its value is reached through `with`.
use std::sync::atomic::{AtomicU64, Ordering};

thread_local! {
    static COUNT: AtomicU64 = AtomicU64::new(0);
}

fn main() {
    let n = COUNT.load(Ordering::Relaxed);
    println!("{}", n);
}
