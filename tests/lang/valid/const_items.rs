// `const` items at module level and in a body: each use is the value, usable as an array length.
const LIMIT: usize = 3;
const DOUBLE: usize = LIMIT * 2;
const GREETING: &str = "hi";

fn total() -> u64 {
    const STEP: u64 = 5;
    let mut sum = 0;
    for _ in 0..LIMIT {
        sum += STEP;
    }
    sum
}

async fn tick() -> usize {
    const WAIT: u64 = 10;
    sleep(Duration::from_millis(WAIT)).await;
    let buf = [7u8; DOUBLE];
    buf.len() + LIMIT
}

async fn main() {
    let arr: [u32; LIMIT] = [1, 2, 3];
    println!("{} {} {}", GREETING, arr.len(), DOUBLE);
    println!("total {}", total());
    println!("tick {}", tick().await);
    const INNER: usize = LATER + 1;
    const LATER: usize = 40;
    println!("inner {}", INNER);
}
