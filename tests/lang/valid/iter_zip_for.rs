// `zip` pairs two sequences and stops at the shorter one.
async fn main() {
    let xs = [1, 2, 3];
    let ys = vec![10, 20];
    for (x, y) in xs.iter().zip(ys.iter()) {
        println!("{}", x + y);
    }
    yield_now().await;
}
