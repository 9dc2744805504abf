// The classic: `first` borrows into the vector, `push` may reallocate it.
async fn main() {
    let mut v = vec![1, 2, 3];
    let first = &v[0];
    v.push(4);
    println!("{}", first);
}
