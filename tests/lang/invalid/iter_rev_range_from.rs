// An endless range has no end to walk back from.
async fn main() {
    for i in (0..).rev() {
        println!("{}", i);
        break;
    }
}
