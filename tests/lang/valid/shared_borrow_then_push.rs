// The shared borrow's last use comes before the mutable one.
async fn main() {
    let mut v = vec![1, 2, 3];
    let r = &v;
    println!("{}", r.len());
    v.push(4);
    println!("{}", v.len());
}
