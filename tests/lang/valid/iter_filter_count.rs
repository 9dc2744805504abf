// `filter` gets `&item`; `count` drives it.
async fn main() {
    let xs = vec![3, 8, 1, 9, 4];
    let big = xs.iter().filter(|x| **x > 3).count();
    yield_now().await;
    println!("{} big", big);
}
