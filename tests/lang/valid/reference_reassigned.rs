// Once `r` points elsewhere, the first vector is no longer borrowed and may change.
async fn main() {
    let mut a = vec![1];
    let b = vec![2, 3];
    let mut r = &a;
    println!("{}", r.len());
    r = &b;
    a.push(4);
    println!("{} {}", r.len(), a.len());
}
