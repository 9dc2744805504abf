// `zip` of two ranges, summed after an `.await`.
async fn main() {
    let pairs = (0..3).zip(10..13);
    yield_now().await;
    let s: i32 = pairs.map(|p| p.0 * p.1).sum();
    println!("{}", s);
}
