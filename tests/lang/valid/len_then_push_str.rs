// `s.len()` borrows only for the call.
async fn main() {
    let mut s = String::from("ab");
    let n = s.len();
    s.push_str("cd");
    println!("{} {}", n, s);
}
