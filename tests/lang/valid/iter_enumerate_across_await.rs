// `Enumerate` keeps its count beside the iterator it wraps.
async fn main() {
    let xs = vec![5, 6];
    let mut it = xs.iter().enumerate();
    let a = it.next();
    yield_now().await;
    let b = it.next();
    println!("{:?} {:?}", a, b);
}
