// `sum::<i32>()` over a range.
async fn main() {
    let s = (1..=4).sum::<i32>();
    yield_now().await;
    println!("{}", s);
}
