// `t` starts as an integer of unknown type; adding a u64 later makes it a u64.
async fn size_of_part(part: u64) -> u64 {
    yield_now().await;
    part * 100
}

async fn main() {
    let mut t = 0;
    for part in [1, 2] {
        let x: u64 = size_of_part(part).await;
        t += x;
    }
    println!("{} bytes", t);
}
