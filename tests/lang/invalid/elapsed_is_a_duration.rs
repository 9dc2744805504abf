// `elapsed()` is a `Duration`: it is not a number of milliseconds.
use std::time::Instant;

fn main() {
    let start = Instant::now();
    let ms: u64 = start.elapsed();
    println!("{}", ms);
}
