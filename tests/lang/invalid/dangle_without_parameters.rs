// The Book's `dangle`: a reference returned from nothing to borrow from.
fn dangle() -> &String {
    let s = String::from("hello");
    &s
}

async fn main() {
    println!("{}", dangle());
}
