// `filter` wants a closure returning bool.
async fn main() {
    let xs = vec![1, 2, 3];
    let n = xs.iter().filter(|x| **x + 1).count();
    println!("{}", n);
}
