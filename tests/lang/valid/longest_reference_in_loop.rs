// The classic "longest so far": a reference reassigned inside the loop.
async fn main() {
    let words = vec![String::from("a"), String::from("bb")];
    let mut longest = &words[0];
    for w in words.iter() {
        if w.len() > longest.len() {
            longest = w;
        }
    }
    println!("{}", longest);
}
