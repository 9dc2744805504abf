// `get` returns an `Option<&i32>` that borrows the vector until its last use.
async fn main() {
    let mut v = vec![10, 20];
    let second = v.get(1);
    if let Some(x) = second {
        println!("{}", x);
    }
    v.push(30);
    println!("{}", v.len());
}
