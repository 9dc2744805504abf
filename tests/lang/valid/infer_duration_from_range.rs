// `i` comes from a range; `Duration::from_millis` wants a u64, so the range is of u64.
async fn main() {
    for i in 0..3 {
        sleep(Duration::from_millis(30 - i * 10)).await;
        println!("slept {} ms", 30 - i * 10);
    }
}
