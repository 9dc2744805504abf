// `mem::replace` moves a new value in and the old one out, through one `&mut`.
async fn main() {
    let mut s = String::from("old");
    let old = std::mem::replace(&mut s, String::from("new"));
    println!("{} {}", old, s);
}
