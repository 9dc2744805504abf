// `r` still points into `a` when `a` is changed: only a reassignment would end the borrow.
async fn main() {
    let mut a = vec![1];
    let b = vec![2, 3];
    let mut r = &a;
    a.push(4);
    println!("{}", r.len());
    r = &b;
    println!("{}", r.len());
}
