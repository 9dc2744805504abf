// A tuple destructured by value, then a reference moved into an async block awaited in place.
async fn main() {
    let t = (String::from("a"), 5);
    let (s, n) = t;
    println!("{} {}", s, n);
    let r = &s;
    let f = async move { println!("{}", r) };
    f.await;
    println!("{}", s);
}
