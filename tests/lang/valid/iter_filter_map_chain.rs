// Adapters chain: keep the even numbers, square them, add them up.
async fn main() {
    let xs = vec![1, 2, 3, 4];
    let s: i32 = xs.iter().filter(|x| **x % 2 == 0).map(|x| x * x).sum();
    yield_now().await;
    println!("{}", s);
}
