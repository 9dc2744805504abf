// The collection type written on the `let`.
async fn main() {
    let xs = [4, 5, 6];
    let doubled: Vec<i32> = xs.iter().map(|x| x * 2).collect();
    yield_now().await;
    println!("{:?} has {}", doubled, doubled.len());
}
