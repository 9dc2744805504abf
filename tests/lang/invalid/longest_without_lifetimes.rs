// The Book's `longest`: with two reference parameters rustc cannot tell which one the result
// borrows from, so the signature needs a lifetime.
fn longest(x: &str, y: &str) -> &str {
    if x.len() > y.len() {
        x
    } else {
        y
    }
}

async fn main() {
    println!("{}", longest("ab", "c"));
}
