// `Duration::new` takes its nanoseconds as a `u32`: a `u64` is rustc's E0308.
use std::time::Duration;

fn main() {
    let nanos: u64 = 5;
    let d = Duration::new(1, nanos);
    println!("{:?}", d);
}
