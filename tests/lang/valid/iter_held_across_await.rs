// A lazy `map` over a slice iterator is saved across the `.await`: a field of 16 bytes
// (the closure captures nothing) that points into `xs`.
async fn main() {
    let xs = vec![1, 2, 3];
    let mut it = xs.iter().map(|x| x * 10);
    let first = it.next();
    yield_now().await;
    let second = it.next();
    println!("{:?} {:?}", first, second);
}
