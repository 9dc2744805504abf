// `s.as_str()` borrows `s`, which is dropped when the function returns.
fn label(n: usize) -> &'static str {
    let s = format!("item {}", n);
    s.as_str()
}

async fn main() {
    println!("{}", label(3));
}
