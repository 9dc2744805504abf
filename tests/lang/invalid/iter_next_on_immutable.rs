// `next` advances the iterator: it must be `mut`.
async fn main() {
    let xs = [1, 2];
    let it = xs.iter();
    let first = it.next();
    println!("{:?}", first);
}
