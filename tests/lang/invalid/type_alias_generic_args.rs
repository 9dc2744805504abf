// An alias without parameters takes no generic arguments at its use.
use std::time::Instant;

type Stamp = Instant;

fn main() {
    let _now: Stamp<u8> = Instant::now();
}
