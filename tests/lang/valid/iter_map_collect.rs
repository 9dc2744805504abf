// `map` is lazy; `collect::<Vec<_>>()` runs it.
async fn main() {
    let xs = vec![1, 2, 3];
    let ys = xs.iter().map(|x| x + 1).collect::<Vec<_>>();
    yield_now().await;
    println!("{:?}", ys);
}
