// `let t = s;` moves the String: `s` can no longer be used.
async fn main() {
    let s = String::from("hello");
    let t = s;
    println!("{} {}", s, t);
}
