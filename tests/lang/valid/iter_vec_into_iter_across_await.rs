// `for x in v` keeps a `vec::IntoIter` (32 bytes) across the `.await`.
async fn main() {
    let v = vec![String::from("a"), String::from("b")];
    for s in v {
        yield_now().await;
        println!("{}", s);
    }
}
