// A `&str` into a String the caller owns may be returned.
fn first_word(s: &String) -> &str {
    s.as_str()
}

async fn main() {
    let s = String::from("hello world");
    let w = first_word(&s);
    println!("{}", w);
}
