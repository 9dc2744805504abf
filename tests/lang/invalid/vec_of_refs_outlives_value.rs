// `refs` keeps a reference to `s` after `s` is dropped.
async fn main() {
    let mut refs: Vec<&String> = Vec::new();
    {
        let s = String::from("a");
        refs.push(&s);
    }
    println!("{}", refs.len());
}
