// The borrow `r` is last used before the move: non-lexical lifetimes end it there.
async fn main() {
    let s = String::from("hello");
    let r = &s;
    println!("{}", r);
    let t = s;
    println!("{}", t);
}
