// An `Instant` moves by a `Duration`, not by a bare number.
use std::time::Instant;

fn main() {
    let start = Instant::now();
    let later = start + 50;
    println!("{:?}", later.duration_since(start));
}
