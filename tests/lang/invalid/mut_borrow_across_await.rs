// `r` (a `&mut s`) lives across the await; reading `s` in between conflicts with it.
async fn main() {
    let mut s = String::from("a");
    let r = &mut s;
    yield_now().await;
    println!("{}", s);
    r.push_str("b");
}
